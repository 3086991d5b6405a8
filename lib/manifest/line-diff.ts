/**
 * A small line diff for `synth --check`: the longest common subsequence of the changed middle
 * (common head and tail trimmed first), printed as hunks with a little context.
 */

/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  /** What happened to the line. */
  readonly op: ' ' | '-' | '+';
  /** The line's text. */
  readonly text: string;
  /** 1-based line number in the old text (removed and kept lines) or the new text (added lines). */
  readonly line: number;
}

/** Largest middle (old lines x new lines) compared line by line; bigger ones are shown as replaced. */
const MAX_TABLE_CELLS = 4_000_000;

function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array[] {
  const rows = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      rows[i][j] = a[i] === b[j] ? rows[i + 1][j + 1] + 1 : Math.max(rows[i + 1][j], rows[i][j + 1]);
    }
  }
  return rows;
}

function diffMiddle(a: readonly string[], b: readonly string[], offset: number): DiffLine[] {
  if (a.length * b.length > MAX_TABLE_CELLS) {
    return [...a.map((text, i) => ({ op: '-' as const, text, line: offset + i + 1 })), ...b.map((text, i) => ({ op: '+' as const, text, line: offset + i + 1 }))];
  }
  const table = lcsTable(a, b);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i], line: offset + ++i });
      j++;
    } else if (i < a.length && (j === b.length || table[i + 1][j] >= table[i][j + 1])) {
      out.push({ op: '-', text: a[i], line: offset + ++i });
    } else {
      out.push({ op: '+', text: b[j], line: offset + ++j });
    }
  }
  return out;
}

/** The full line diff of `before` → `after`. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    head++;
  }
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    tail++;
  }
  const kept = (lines: string[], from: number): DiffLine[] => lines.map((text, k) => ({ op: ' ' as const, text, line: from + k + 1 }));
  return [
    ...kept(a.slice(0, head), 0),
    ...diffMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head),
    ...kept(a.slice(a.length - tail), a.length - tail),
  ];
}

/** Renders the changed lines of a diff with `context` kept lines around each change, `@@ line N @@` before each hunk. */
export function formatHunks(lines: readonly DiffLine[], context: number): string[] {
  const show = lines.map(() => false);
  lines.forEach((l, k) => {
    if (l.op !== ' ') {
      for (let c = Math.max(0, k - context); c <= Math.min(lines.length - 1, k + context); c++) {
        show[c] = true;
      }
    }
  });
  const out: string[] = [];
  lines.forEach((l, k) => {
    if (show[k] && (k === 0 || !show[k - 1])) {
      out.push(`@@ line ${l.line} @@`);
    }
    if (show[k]) {
      out.push(`${l.op} ${l.text}`);
    }
  });
  return out;
}
