/**
 * Resolves on the event loop's next turn, after the I/O that is waiting: long work done in slices
 * with this between them lets a process answer requests and its database meanwhile.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
