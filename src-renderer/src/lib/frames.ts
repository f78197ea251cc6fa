/** Resolves after the next frame has been painted: lets one big UI change happen as two tasks. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
