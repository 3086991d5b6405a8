#!/usr/bin/env python3
"""Checks that the real ClearML Python SDK works against a cdk-style sandbox.

Point it at a running sandbox with the CLEARML_* variables that `cdk-style sandbox` prints.
Each check prints PASS or FAIL with the reason; the exit code is the number of failures
(capped at 100). With --deployed it also reads back the pipeline that
`cdk-style deploy` created from examples/seed-pipeline.ts.
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

from clearml import PipelineController, Task

RESULTS = []


def check(name):
    """Runs the decorated function as one named check and records the outcome."""
    def wrap(fn):
        def run(*args, **kwargs):
            try:
                value = fn(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - a check reports every failure
                RESULTS.append((name, False, '{}: {}'.format(type(error).__name__, error)))
                traceback.print_exc(file=sys.stderr)
                return None
            RESULTS.append((name, True, ''))
            return value
        return run
    return wrap


def expect(actual, wanted, what):
    """Raises AssertionError naming `what` when `actual != wanted`."""
    if actual != wanted:
        raise AssertionError('{}: expected {!r}, got {!r}'.format(what, wanted, actual))


@check('Task.create draft with repo, script, packages, docker; set parameters')
def create_draft(project, name):
    task = Task.create(
        project_name=project, task_name=name,
        repo='https://github.com/example/repo.git', branch='main', script='train.py',
        packages=['llmcompressor==0.4.1', 'lm-eval==0.4.5'], docker='python:3.11-slim',
    )
    task.set_parameters({'Args/model_id': 'meta-llama/Llama-3.2-1B', 'Args/epochs': 3})
    return task.id


@check('Task.get_task by id and by project/name round-trips fields')
def read_draft(task_id, project, name):
    by_id = Task.get_task(task_id=task_id)
    by_name = Task.get_task(project_name=project, task_name=name)
    expect(by_name.id, task_id, 'id found by project/name')
    expect(by_id.name, name, 'name')
    expect(by_id.get_project_name(), project, 'project name')
    expect(by_id.get_status(), 'created', 'status')
    script = by_id.data.script
    expect(script.repository, 'https://github.com/example/repo.git', 'script.repository')
    expect(script.branch, 'main', 'script.branch')
    expect(script.entry_point, 'train.py', 'script.entry_point')
    for package in ('llmcompressor==0.4.1', 'lm-eval==0.4.5'):
        if package not in (script.requirements or {}).get('pip', ''):
            raise AssertionError('requirements.pip lacks {!r}: {!r}'.format(package, script.requirements))
    expect(by_id.data.container.get('image'), 'python:3.11-slim', 'container.image')
    params = by_id.get_parameters()
    expect(params.get('Args/model_id'), 'meta-llama/Llama-3.2-1B', 'Args/model_id')
    expect(params.get('Args/epochs'), '3', 'Args/epochs')


def start_pipeline_in_this_process(project, base_task_id):
    """Builds the pipeline the way the seed does and starts it on `services`.

    `start(queue=...)` ends the calling process (the controller continues remotely), so the
    parent runs this in a child process and checks the result from outside.
    """
    pipe = PipelineController(name='sdk_pipeline', project=project, version='2.0.0')
    pipe.add_step(name='step1', base_task_id=base_task_id, execution_queue='oneshot-a100x1')
    pipe.add_step(
        name='step2', parents=['step1'], base_task_id=base_task_id, execution_queue='oneshot-a100x1',
        parameter_override={'Args/model_id': '${step1.models.output.-1.id}'},
    )
    pipe.start(queue='services')


@check('PipelineController(name, project, version).add_step(...).start(queue=services) enqueues the controller')
def create_pipeline(project, base_task_id):
    # From a copy outside any git repository: the SDK then stores it as a standalone script
    # instead of analysing this whole repository's diff and imports first (minutes on 2 cores).
    where = tempfile.mkdtemp(prefix='cdk-style-sdk-check-')
    child = [sys.executable, shutil.copy(__file__, where), '--project', project, '--start-pipeline', base_task_id]
    subprocess.run(child, check=True, timeout=300, cwd=where)
    pipe = PipelineController.get(pipeline_project=project, pipeline_name='sdk_pipeline')
    controller = Task.get_task(task_id=pipe.id)
    expect(controller.get_status(), 'queued', 'controller status after start(queue=services)')
    expect(pipe.version, '2.0.0', 'pipeline version')
    expect(sorted(pipe.get_pipeline_dag().keys()), ['step1', 'step2'], 'pipeline nodes')
    return pipe.id


@check('PipelineController.get reads back the deployed seed pipeline (Pipeline config deserializes)')
def read_deployed(project, name, version, steps):
    pipe = PipelineController.get(pipeline_project=project, pipeline_name=name)
    expect(pipe.version, version, 'pipeline version')
    dag = pipe.get_pipeline_dag()
    expect(sorted(dag.keys()), sorted(steps), 'pipeline nodes')
    for node_name, node in sorted(dag.items()):
        if not node.base_task_id:
            raise AssertionError('node {} has no base_task_id'.format(node_name))
        step_task = Task.get_task(task_id=node.base_task_id)
        expect(step_task.id, node.base_task_id, 'base task of {}'.format(node_name))
        print('  node {} -> task {} ({}), queue {}, parents {}, parameters {}'.format(
            node_name, step_task.id, step_task.name, node.queue, node.parents, dict(node.parameters)))
    # What start() runs before launching steps: DAG and `${step.*}` reference checks. The object
    # built by get() skips __init__, so set the two attributes _verify reads from it.
    pipe._default_execution_queue = None
    pipe._step_ref_pattern = re.compile(PipelineController._step_pattern)
    expect(pipe._verify(), True, 'PipelineController._verify() of the deployed DAG')


@check("The deployed drafts read back as the seed's worker scripts read them (parameters cast, configurations parsed)")
def read_deployed_drafts(project, name):
    """What each seed worker script does first: `get_parameters_as_dict(cast=True)` and, for each
    configuration object, `get_configuration_object_as_dict` (the SDK's HOCON reader)."""
    pipe = PipelineController.get(pipeline_project=project, pipeline_name=name)
    for node_name, node in sorted(pipe.get_pipeline_dag().items()):
        task = Task.get_task(task_id=node.base_task_id)
        args = task.get_parameters_as_dict(cast=True).get('Args', {})
        configurations = {key: task.get_configuration_object_as_dict(key) for key in task.get_configuration_objects()}
        for key, value in configurations.items():
            if not isinstance(value, dict) or not value:
                raise AssertionError('{}: configuration {} did not parse to settings: {!r}'.format(node_name, key, value))
        if 'recipe_args' in args:
            expect(type(args['recipe_args'].get('group_size')), int, '{} Args/recipe_args/group_size cast'.format(node_name))
        if 'lm_eval' in configurations:
            expect(type(configurations['lm_eval'].get('tasks')), str, '{} lm_eval.tasks'.format(node_name))
        expect(type(args.get('clearml_model')), bool, '{} Args/clearml_model cast'.format(node_name))
        print('  {}: Args {} ; configurations {}'.format(node_name, sorted(args), sorted(configurations)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--project', default='sdk_compat_{}'.format(int(time.time())))
    parser.add_argument('--deployed', action='store_true',
                        help='also read back alexandre_debug/my_pipeline 1.0.0 (steps step1..step3) as deployed')
    parser.add_argument('--start-pipeline', metavar='BASE_TASK_ID', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.start_pipeline:
        start_pipeline_in_this_process(args.project, args.start_pipeline)
        return 0
    if args.deployed:
        read_deployed('alexandre_debug', 'my_pipeline', '1.0.0', ['step1', 'step2', 'step3'])
        read_deployed_drafts('alexandre_debug', 'my_pipeline')
    task_id = create_draft(args.project, 'draft_step')
    if task_id:
        read_draft(task_id, args.project, 'draft_step')
        create_pipeline(args.project, task_id)
    for name, ok, why in RESULTS:
        print('{} {}{}'.format('PASS' if ok else 'FAIL', name, ' -- ' + why if why else ''))
    failed = sum(1 for _, ok, _ in RESULTS if not ok)
    print('{} passed, {} failed'.format(len(RESULTS) - failed, failed))
    return min(failed, 100)


if __name__ == '__main__':
    sys.exit(main())
