/**
 * Paging of `*.get_all` calls, on a scripted page source (the sandbox version is in client.test.ts).
 */
import { PAGE_SIZE, readAllPages } from '../../lib/clearml/paging';

/** A server holding `total` rows that returns at most `cap` per page and skips `page × min(page_size, cap)`. */
function source(total: number, cap = PAGE_SIZE): { call: (e: string, b: Record<string, unknown>) => Promise<unknown>; bodies: Record<string, unknown>[] } {
  const bodies: Record<string, unknown>[] = [];
  return {
    bodies,
    call: async (_endpoint, body) => {
      bodies.push(body);
      const size = Math.min(body.page_size as number, cap);
      const start = (body.page as number) * size;
      return { tasks: Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i) };
    },
  };
}

test.each([[0, 1], [3, 2], [499, 2], [500, 2], [1001, 3]])('%i rows are read in %i page(s): a first short page is confirmed by an empty one', async (total, pages) => {
  const s = source(total);
  const rows = await readAllPages<number>(s.call, 'tasks.get_all', { name: 'x' }, 'tasks');
  expect(rows).toEqual(Array.from({ length: total }, (_, i) => i));
  expect(s.bodies).toHaveLength(pages);
  expect(s.bodies[0]).toEqual({ name: 'x', page: 0, page_size: 500 });
});

test.each([[7, 3, 3], [50, 10, 6], [10, 10, 2]])('%i rows on a server capped at %i rows per page are all read, in %i pages', async (total, cap, pages) => {
  const s = source(total, cap);
  const rows = await readAllPages<number>(s.call, 'tasks.get_all', {}, 'tasks');
  expect(rows).toEqual(Array.from({ length: total }, (_, i) => i));
  expect(s.bodies).toHaveLength(pages);
});

test('a server that ignores page is stopped', async () => {
  const full = async () => ({ tasks: Array.from({ length: PAGE_SIZE }, () => 1) });
  await expect(readAllPages(full, 'tasks.get_all', {}, 'tasks')).rejects.toMatchObject({ code: 'UnexpectedAnswer' });
});
