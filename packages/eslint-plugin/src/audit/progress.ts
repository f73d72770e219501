/**
 * Progress reporting on stderr: a redrawn bar on a terminal, nothing otherwise (in CI logs and
 * pipes progress lines are noise between the report and the summary).
 */
export interface ProgressReporter {
  update(done: number, total: number): void;
  finish(): void;
}

const BAR_WIDTH = 30;
/** Redraw at most this often; linting is far faster than a terminal needs updating. */
const REDRAW_INTERVAL_MS = 80;

export function createProgressReporter(stream: NodeJS.WritableStream, isTTY: boolean): ProgressReporter {
  return isTTY ? barReporter(stream) : silentProgress;
}

export const silentProgress: ProgressReporter = { update() {}, finish() {} };

function barReporter(stream: NodeJS.WritableStream): ProgressReporter {
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number, total: number): void => {
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    stream.write(`\r${bar} ${done}/${total} files (${Math.floor(ratio * 100)}%)`);
    drawn = true;
  };
  return {
    update(done, total) {
      const now = Date.now();
      if (done === total || now - lastDraw >= REDRAW_INTERVAL_MS) {
        lastDraw = now;
        draw(done, total);
      }
    },
    finish() {
      // Erase the bar so the report starts on a clean line.
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
