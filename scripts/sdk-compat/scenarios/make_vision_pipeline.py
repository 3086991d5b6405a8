"""A user's pipeline script, for recording what the ClearML SDK writes (see ../README.md).

Three base tasks made with Task.create in project vision_team, then a PipelineController that
clones them: typed parameters, a pipeline parameter, `${step.id}`, `${step.models.output.-1.id}`,
`${step.parameters.Section/name}` and `${pipeline.name}` references, monitors, and the controller
started on the `services` queue (`start()` enqueues the controller and ends this process).

record_fixtures.py copies this file into an empty directory outside any git repository and runs
it there, so the SDK stores it as a standalone script.
"""
from clearml import PipelineController, Task

PROJECT = 'vision_team'
REPO = 'https://github.com/acme/vision.git'
PACKAGES = ['torch==2.4.1', 'torchvision', 'clearml']
IMAGE = 'nvcr.io/nvidia/pytorch:24.08-py3'


def base_task(name, script, parameters):
    """A draft made the way the ClearML docs show: Task.create, then its parameters."""
    task = Task.create(
        project_name=PROJECT, task_name=name, task_type='training', repo=REPO, branch='main',
        script=script, packages=PACKAGES, docker=IMAGE,
    )
    task.set_parameters(parameters)
    task.add_tags(['vision'])
    return task


def main():
    prepare = base_task('prepare_data', 'prepare.py', {'General/split': 'all', 'General/num_workers': 8})
    train = base_task('train_model', 'train.py', {'General/dataset_task': '', 'General/epochs': 20, 'Args/lr': 0.01})
    evaluate = base_task('evaluate_model', 'evaluate.py', {'Args/model_id': '', 'Args/lr_used': '', 'Args/strict': True})

    pipe = PipelineController(name='train_pipeline', project=PROJECT, version='1.2.0')
    pipe.add_parameter(name='lr', default=0.001, description='learning rate of train', param_type='float')
    pipe.add_step(
        name='prepare', base_task_id=prepare.id, execution_queue='cpu',
        parameter_override={'General/split': 'train'},
    )
    pipe.add_step(
        name='train', parents=['prepare'], base_task_id=train.id, execution_queue='gpu-a100',
        parameter_override={'General/dataset_task': '${prepare.id}', 'Args/lr': '${pipeline.lr}'},
        monitor_metrics=[('loss', 'total')], monitor_models=['best'],
    )
    pipe.add_step(
        name='evaluate', parents=['train'], base_task_id=evaluate.id, execution_queue='gpu-a100',
        parameter_override={
            'Args/model_id': '${train.models.output.-1.id}',
            'Args/lr_used': '${train.parameters.Args/lr}',
        },
        time_limit=3600, continue_on_fail=True,
    )
    pipe.start(queue='services')


if __name__ == '__main__':
    main()
