/**
 * The pipelines of this repository. Declare steps in the pipeline below: `CompressStep`,
 * `EvalStep`, or `TaskStep` for any other script.
 *
 * `npx cdk-style synth` runs this file (see cdk-style.json) and writes cdk.out/.
 */
import { App, Pipeline, TaskStep } from 'cdk-style';

/** Declares the pipelines in `app` (tests call this with `Testing.app()`). */
export function buildApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'my_pipeline', { project: 'my_project' });
  new TaskStep(pipeline, 'hello', {
    repository: 'https://github.com/my-org/my-repo.git',
    entryPoint: 'src/hello.py',
    args: { greeting: 'hello' },
    queue: 'default',
  });
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
