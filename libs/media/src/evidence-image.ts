import { StreamableFile } from '@nestjs/common';
import { ApiError } from '@qinglang/operations';
import { MediaStore, StoredMediaMissingError } from '@qinglang/storage';
import type { Frame } from './frame.entity';

/**
 * A frame's evidence JPEG as a response, streamed from the media store (a file under DATA_DIR or an object in the
 * bucket). A missing file is a 404 with a code before any byte is sent, not a broken stream.
 */
export async function evidenceImage(storage: MediaStore, frame: Frame): Promise<StreamableFile> {
  try {
    return new StreamableFile(await storage.open(frame.imagePath), { type: 'image/jpeg' });
  } catch (error) {
    if (error instanceof StoredMediaMissingError)
      throw new ApiError(404, 'frame_image_missing', 'The evidence image of this frame is not in the media store.');
    throw error;
  }
}
