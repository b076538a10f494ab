import { StreamableFile } from '@nestjs/common';
import { ApiError } from '@qinglang/operations';
import { MediaStore, StoredMediaMissingError } from '@qinglang/storage';
import type { Frame } from './frame.entity';

/**
 * A frame's evidence JPEG as a response, streamed from the media store (a file under DATA_DIR or an object in the
 * bucket). A missing file is a 404 with a code before any byte is sent, not a broken stream.
 */
export async function evidenceImage(storage: MediaStore, frame: Frame): Promise<StreamableFile> {
  // Deleted on purpose, by the policy's retention periods: gone for good, which 410 says (404 would invite retries).
  if (frame.purgedAt)
    throw new ApiError(
      410,
      'media_deleted_by_retention',
      `The evidence image of this frame was deleted by retention on ${frame.purgedAt.toISOString()} (config/policy.yaml retention); the frame's record and scores are kept.`,
    );
  try {
    return new StreamableFile(await storage.open(frame.imagePath), { type: 'image/jpeg' });
  } catch (error) {
    if (error instanceof StoredMediaMissingError)
      throw new ApiError(404, 'frame_image_missing', 'The evidence image of this frame is not in the media store.');
    throw error;
  }
}
