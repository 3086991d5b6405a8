import { pipelineLink, taskLink } from '../../lib/deploy/links';

describe('web UI links', () => {
  test('pipeline and task pages, trailing slashes ignored', () => {
    expect(pipelineLink('https://app.clear.ml/', 'p1', 'c1')).toBe('https://app.clear.ml/pipelines/p1/experiments/c1');
    expect(taskLink('http://localhost:8080', 'p1', 't1')).toBe('http://localhost:8080/projects/p1/experiments/t1');
  });
});
