/**
 * Puts `nodes` into `container` in order, like `replaceChildren`, but leaves a node it keeps
 * where it is. Moving a node blurs a field inside it: the "Continue by" form is kept across
 * redraws, and a reply arriving while the customer types their address would otherwise take the
 * cursor (and the next keystrokes) away. Stale nodes go first, so a kept node is never moved.
 */
export function redraw(container: HTMLElement, nodes: HTMLElement[]): void {
  const keep = new Set<Element>(nodes);
  for (const child of [...container.children]) if (!keep.has(child)) child.remove();
  nodes.forEach((node, index) => {
    const current = container.children[index] ?? null;
    if (current !== node) container.insertBefore(node, current);
  });
}
