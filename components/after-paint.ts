/**
 * Runs `work` once the browser has painted what the current update shows (a task queued from the next animation
 * frame), so slow work never delays the frame. A hidden tab draws no frames: a timer runs it then, a little later.
 */
export function afterNextPaint(work: () => void, hiddenTabDelayMs = 100): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, hiddenTabDelayMs);
}
