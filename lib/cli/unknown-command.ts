/**
 * An unknown command name: says so first, then suggests the closest command when one is close
 * (`Unknown command 'deplyo'. Did you mean deploy?`).
 */

/** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) {
    d[0][j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** The known command closest to `name`, when it is at most two edits away. */
export function closestCommand(name: string, known: readonly string[]): string | undefined {
  const ranked = known.map((k) => ({ k, distance: editDistance(name.toLowerCase(), k) })).sort((x, y) => x.distance - y.distance || (x.k < y.k ? -1 : 1));
  return ranked.length > 0 && ranked[0].distance <= 2 ? ranked[0].k : undefined;
}

/**
 * The message for a command line whose first word is not a command (undefined when it is one,
 * or when the line starts with an option such as `--help`).
 */
export function unknownCommandMessage(argv: readonly string[], known: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || known.includes(first)) {
    return undefined;
  }
  const suggestion = closestCommand(first, known);
  return `Unknown command '${first}'. ${suggestion === undefined ? "Run 'cdk-style --help' to list the commands." : `Did you mean ${suggestion}?`}`;
}
