import { Injectable } from '@nestjs/common';
import { ItemPage, ItemResultsReader, LineFindings, TextFindings, TipFindings } from '@qinglang/ingest';
import { Frame, FramesService } from '@qinglang/media';
import { SignalsService } from './signals.service';
import { bySource, frameFindings, recomputedTextFindings, textFindings, tipFindings } from './item-findings';
import { TextSignals } from './text-signals.service';

const RESCORED_CHARACTERS_PER_TURN = 2_000;
/**
 * At most this much text scored again for one read (about 0.2 s of CPU on this box at 3.5 µs a character): a page
 * of 1,000 lines of 2,000 characters would cost the API seconds on every poll. Lines past it show null.
 */
export const RESCORED_CHARACTERS_PER_READ = 60_000;

/** Frames, lines and tip events of an item with what each model said of them: the results a platform polls for. */
@Injectable()
export class ItemResultsService implements ItemResultsReader {
  constructor(
    private readonly frames: FramesService,
    private readonly signals: SignalsService,
    private readonly text: TextSignals,
  ) {}

  streamFrames(streamId: string) {
    return this.frames.statsOfStream(streamId);
  }

  async forSource(_platformId: string, sourceKind: 'segment' | 'post', sourceId: string, page: ItemPage) {
    const frames: Frame[] =
      sourceKind === 'segment'
        ? await this.frames.forSource('segment', sourceId)
        : [
            ...(await this.frames.forSource('post_image', sourceId)),
            ...(await this.frames.forSource('post_video', sourceId)),
          ];
    const shown = frames.slice(page.offset, page.offset + page.limit);
    const ids = shown.map((f) => f.id);
    const [porn, overlays] = await Promise.all([
      this.signals.forSources('frame', ids),
      this.signals.forSources('frame_text', ids),
    ]);
    const pornOf = new Map(porn.map((s) => [s.sourceId, s]));
    // The item's flags come from all its frames, not the page's: a flagged frame past the first page would
    // otherwise leave `results.flags` empty and the item read as clean. Ids only, so a long item stays cheap.
    const allIds = frames.map((f) => f.id);
    const signalIds = await this.signals.idsForSources(['frame', 'frame_text'], allIds);
    const overlaysOf = bySource(overlays);
    return {
      frames: shown.map((f) => frameFindings(f, pornOf.get(f.id), overlaysOf.get(f.id) ?? [])),
      summary: {
        framesSampled: frames.length,
        framesClassified: frames.filter((f) => f.status === 'classified').length,
        nearDuplicates: frames.filter((f) => f.status === 'near_duplicate').length,
      },
      all: { frameIds: allIds, lookupIds: [...new Set([...allIds, ...signalIds])] },
    };
  }

  async forTexts(sourceKind: 'text_line' | 'post_text', ids: string[]): Promise<Map<string, LineFindings>> {
    const found = new Map<string, LineFindings>();
    for (const [id, signals] of bySource(await this.signals.forSources(sourceKind, ids))) {
      const findings = textFindings(signals);
      if (findings) found.set(id, findings);
    }
    return found;
  }

  /** Scores for these texts in order, fewer than asked past RESCORED_CHARACTERS_PER_READ; null: no model yet. */
  async rescoreTexts(texts: string[]): Promise<TextFindings[] | null> {
    const model = { name: this.text.model, version: this.text.version };
    const found: TextFindings[] = [];
    let sinceTurn = 0;
    let total = 0;
    for (const text of texts) {
      total += text.length;
      if (total > RESCORED_CHARACTERS_PER_READ) break;
      // About 0.1-0.2 ms a short line, more for a long one (up to 2,000 characters): a page of 1000 would hold the
      // API's event loop for 100 ms or far more, so it yields by the characters scored, not the lines.
      if (sinceTurn >= RESCORED_CHARACTERS_PER_TURN) {
        sinceTurn = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      sinceTurn += text.length;
      const classification = this.text.classifyIfLoaded(text);
      if (!classification) return null;
      found.push(recomputedTextFindings(classification, model));
    }
    return found;
  }

  async forTipEvents(eventIds: string[]): Promise<Map<string, TipFindings>> {
    const signals = await this.signals.forSources('tip_event', eventIds);
    return new Map(signals.map((s) => [s.sourceId, tipFindings(s)]));
  }
}
