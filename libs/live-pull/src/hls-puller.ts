import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { guardedGet, readBody, saveBody } from '@qinglang/media';
import { PermanentJobError } from '@qinglang/queue';
import { HlsPlaylist, chooseVariant, parsePlaylist, segmentsToFetch } from './hls-playlist';
import { PullEnded, PullSession, SourceGone, checkBitrate, pause } from './pull-session';

export interface HlsPullLimits {
  /** A playlist that does not advance for this long is a failure. */
  stallMs: number;
  /** Largest playlist or piece read. */
  maxPlaylistBytes: number;
  maxPieceBytes: number;
  maxBitrateKbps: number;
  requestTimeoutMs: number;
}

const GONE = new Set([404, 410]);

/**
 * Pulls an HLS stream: reads the playlist (choosing a variant from a master playlist), fetches each new media
 * segment itself through the address guard, and hands it to the segment pipeline. Qinglang fetches every URL,
 * so ffmpeg only ever reads a local file. Ends at `#EXT-X-ENDLIST` or when the playlist is gone (404/410).
 */
export async function pullHls(session: PullSession, limits: HlsPullLimits): Promise<void> {
  const { source, signal } = session;
  let playlistUrl = new URL(source.url);
  let lastSequence = session.lastSequence;
  let lastAdvance = Date.now();
  let chosenVariant = false;
  // Pieces are keyed by the playlist they came from and their sequence: a worker taking over skips what was taken.
  // After the encoder restarts its numbering, the same sequence numbers are new media: a new epoch keeps their keys apart.
  let epoch = 0;
  const playlistKey = () => createHash('sha256').update(`${playlistUrl.href}#${epoch}`).digest('hex').slice(0, 12);
  while (!signal.aborted) {
    const playlist = await fetchPlaylist(session, playlistUrl, limits);
    if (playlist.kind === 'master') {
      if (chosenVariant) throw new PullEnded('failed', 'A variant playlist is itself a master playlist.');
      playlistUrl = chooseVariant(playlist.variants).url;
      chosenVariant = true;
      continue;
    }
    await session.connected();
    const newest = playlist.segments.at(-1)?.sequence;
    if (lastSequence !== null && newest !== undefined && newest < lastSequence) epoch = Date.now();
    let took = 0;
    for (const segment of segmentsToFetch(playlist, lastSequence)) {
      if (signal.aborted) return;
      const response = await guardedGet(segment.url, {
        ...session.addresses,
        timeoutMs: limits.requestTimeoutMs,
        signal: session.signal,
      });
      if (GONE.has(response.status)) {
        // Rolled off the live window before we got to it: skip it rather than stall.
        response.body.resume();
        lastSequence = segment.sequence;
        continue;
      }
      if (response.status !== 200) {
        response.body.resume();
        throw new Error(`A media segment answered HTTP ${response.status}.`);
      }
      // A name of its own: a worker racing for the same piece must never remove this worker's file.
      const mediaPath = `${session.directory}/piece-${segment.sequence}-${randomBytes(4).toString('hex')}.ts`;
      await mkdir(dirname(session.absolute(mediaPath)), { recursive: true });
      const sizeBytes = await savePiece(response, session.absolute(mediaPath), limits.maxPieceBytes);
      try {
        checkBitrate(sizeBytes, segment.durationMs, limits.maxBitrateKbps);
      } catch (error) {
        await rm(session.absolute(mediaPath), { force: true });
        throw error;
      }
      const held = await session.take({
        key: `hls:${playlistKey()}:${segment.sequence}`,
        mediaPath,
        sizeBytes,
        durationMs: segment.durationMs,
        sequence: segment.sequence,
      });
      if (!held) return;
      lastSequence = segment.sequence;
      took++;
    }
    if (took > 0) lastAdvance = Date.now();
    if (playlist.endList && segmentsToFetch(playlist, lastSequence).length === 0)
      throw new PullEnded('ended', 'The stream ended (#EXT-X-ENDLIST).');
    if (Date.now() - lastAdvance > limits.stallMs) {
      lastAdvance = Date.now(); // one failure per stall period, then the reconnect backoff applies
      throw new Error(`The playlist has not advanced for ${Math.round(limits.stallMs / 1000)} s.`);
    }
    // Reload at half the target duration, as players do, within bounds.
    await pause(Math.min(Math.max(playlist.targetDurationMs / 2, 500), 5000), signal);
  }
}

async function fetchPlaylist(session: PullSession, url: URL, limits: HlsPullLimits): Promise<HlsPlaylist> {
  const response = await guardedGet(url, {
    ...session.addresses,
    timeoutMs: limits.requestTimeoutMs,
    signal: session.signal,
  });
  if (GONE.has(response.status)) {
    response.body.resume();
    throw new SourceGone(`The playlist is gone (HTTP ${response.status}).`);
  }
  if (response.status !== 200) {
    response.body.resume();
    throw new Error(`The playlist answered HTTP ${response.status}.`);
  }
  const text = (await readBody(response, limits.maxPlaylistBytes)).toString('utf8');
  try {
    return parsePlaylist(text, response.url);
  } catch (error) {
    throw new PullEnded('failed', `The source is not an HLS playlist: ${(error as Error).message}.`);
  }
}

async function savePiece(
  response: Awaited<ReturnType<typeof guardedGet>>,
  target: string,
  maxBytes: number,
): Promise<number> {
  try {
    return await saveBody(response, target, maxBytes);
  } catch (error) {
    // A piece over the size limit is hostile (or broken) input: the pull ends with the reason.
    if (error instanceof PermanentJobError) throw new PullEnded('failed', error.message);
    throw error;
  }
}
