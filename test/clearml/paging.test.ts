/**
 * Paging of `*.get_all` calls, on a scripted page source (the sandbox version is in client.test.ts).
 */
import { PAGE_SIZE, readAllPages } from '../../lib/clearml/paging';

function source(total: number): { call: (e: string, b: Record<string, unknown>) => Promise<unknown>; bodies: Record<string, unknown>[] } {
  const bodies: Record<string, unknown>[] = [];
  return {
    bodies,
    call: async (_endpoint, body) => {
      bodies.push(body);
      const start = (body.page as number) * (body.page_size as number);
      return { tasks: Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, total - start)) }, (_, i) => start + i) };
    },
  };
}

test.each([[0, 1], [499, 1], [500, 2], [1001, 3]])('%i rows are read in %i page(s)', async (total, pages) => {
  const s = source(total);
  const rows = await readAllPages<number>(s.call, 'tasks.get_all', { name: 'x' }, 'tasks');
  expect(rows).toEqual(Array.from({ length: total }, (_, i) => i));
  expect(s.bodies).toHaveLength(pages);
  expect(s.bodies[0]).toEqual({ name: 'x', page: 0, page_size: 500 });
});

test('a server that ignores page is stopped', async () => {
  const full = async () => ({ tasks: Array.from({ length: PAGE_SIZE }, () => 1) });
  await expect(readAllPages(full, 'tasks.get_all', {}, 'tasks')).rejects.toMatchObject({ code: 'UnexpectedAnswer' });
});
