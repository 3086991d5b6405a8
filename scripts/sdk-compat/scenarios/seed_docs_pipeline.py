"""The seed's docs/creating_pipelines.md example, run with its automation package (see ../README.md).

Needs the seed's `src` directory on PYTHONPATH (record_fixtures.py --seed-src). Its heavy
dependencies (torch, llm-compressor, lm-eval) are never imported on this path: creating drafts
and the pipeline only needs automation.tasks / automation.pipelines, yaml and the SDK. The one
missing module it imports, pyhocon, comes from ../shims/pyhocon.py (the SDK's own copy).

The drafts' output_uri is the seed's DEFAULT_OUTPUT_URI, gs://neuralmagic-clearml. Setting it
makes the SDK check write access to that bucket, which needs Google Cloud credentials and
network; with CDK_STYLE_SKIP_OUTPUT_CHECK=1 (record_fixtures.py sets it) this script replaces
only that check with one that accepts, so the SDK then stores the destination exactly as it
would with access (tasks.edit output_dest).
"""
import os

from automation.pipelines import Pipeline
from automation.tasks import LLMCompressorTask, LMEvalTask

PROJECT = 'alexandre_debug'
QUEUE = 'oneshot-a100x1'


def accept_output_destination():
    """Replaces the SDK's bucket write check (see the module docstring)."""
    from clearml.storage.helper import StorageHelper

    class _Accepting(object):
        def check_write_permissions(self, dest_path=None):
            return True

    original = StorageHelper.get

    def get(url, *args, **kwargs):
        if str(url).startswith('gs://'):
            return _Accepting()
        return original(url, *args, **kwargs)

    StorageHelper.get = staticmethod(get)


def drafts():
    """Step 1 of the doc: the three drafts."""
    compress = LLMCompressorTask(
        project_name=PROJECT, task_name='step1_draft',
        model_id='meta-llama/Llama-3.2-1B-Instruct', config='quantization_w4a16',
    )
    compress.create_task()
    openllm = LMEvalTask(project_name=PROJECT, task_name='step2_draft', model_id='dummy', clearml_model=True, config='openllm')
    openllm.create_task()
    # The doc spells this placeholder "dummuy"; kept, since it is what the seed's users ran.
    leaderboard = LMEvalTask(project_name=PROJECT, task_name='step3_draft', model_id='dummuy', clearml_model=True, config='leaderboard')
    leaderboard.create_task()
    return compress, openllm, leaderboard


def main():
    if os.environ.get('CDK_STYLE_SKIP_OUTPUT_CHECK') == '1':
        accept_output_destination()
    compress, openllm, leaderboard = drafts()
    pipeline = Pipeline(project_name=PROJECT, pipeline_name='my_pipeline')
    pipeline.add_step(name='step1', base_task_id=compress.id, execution_queue=QUEUE)
    for name, draft in (('step2', openllm), ('step3', leaderboard)):
        pipeline.add_step(
            name=name, base_task_id=draft.id, parents=['step1'], execution_queue=QUEUE,
            parameter_override={'Args/model_id': '${step1.models.output.-1.id}'},
        )
    # Step 4 of the doc: creates the controller task and enqueues it on `services`.
    pipeline.execute_remotely()


if __name__ == '__main__':
    main()
