/**
 * The script of an HPO step: under clearml-agent it attaches to its own task and runs ClearML's
 * HyperParameterOptimizer on the base task named by `Args/base_task_id` (resolved by the
 * pipeline controller from `${<base step>.id}` when the step launches), cloning it into
 * `Args/execution_queue`, with the search space of configuration `Parameters` and the settings of
 * configuration `Optimization` (both in the seed's BaseHPO layout).
 */

/** Entry point name of the optimizer script. */
export const OPTIMIZER_ENTRY_POINT = 'hpo_controller.py';

/** The optimizer script, stored in `script.diff` (no repository needed). */
export const OPTIMIZER_SCRIPT = [
  '"""Runs the hyperparameter optimization stored in this task (written by cdk-style)."""',
  'import json',
  '',
  'from clearml import Task',
  'from clearml.automation import GridSearch, HyperParameterOptimizer, RandomSearch',
  'from clearml.automation.parameters import Parameter',
  '',
  '',
  'def optimizer_class(name):',
  '    if name == "GridSearch":',
  '        return GridSearch',
  '    if name == "RandomSearch":',
  '        return RandomSearch',
  '    if name == "OptimizerOptuna":',
  '        from clearml.automation.optuna import OptimizerOptuna',
  '        return OptimizerOptuna',
  '    if name == "OptimizerBOHB":',
  '        from clearml.automation.hpbandster import OptimizerBOHB',
  '        return OptimizerBOHB',
  '    raise SystemExit("Unknown optimizer: " + str(name))',
  '',
  '',
  'def main():',
  '    task = Task.init(auto_resource_monitoring=False)',
  '    if task.running_locally():',
  '        raise SystemExit("This optimizer only runs under clearml-agent; enqueue the task instead.")',
  '    args = (task.get_parameters_as_dict(cast=True) or {}).get("Args", {})',
  '    if not args.get("base_task_id"):',
  '        raise SystemExit("Args/base_task_id is empty: run this task as a step of its pipeline.")',
  '    parameters = [Parameter.from_dict(d) for d in json.loads(task.get_configuration_object("Parameters"))]',
  '    settings = json.loads(task.get_configuration_object("Optimization"))',
  '    optimizer_name = settings.pop("optimizer")',
  '    time_limit_min = settings.pop("time_limit_min", None)',
  '    report_period_min = settings.pop("report_period_min", None)',
  '    optimizer = HyperParameterOptimizer(',
  '        base_task_id=args["base_task_id"],',
  '        hyper_parameters=parameters,',
  '        optimizer_class=optimizer_class(optimizer_name),',
  '        execution_queue=args["execution_queue"],',
  '        **settings',
  '    )',
  '    if report_period_min is not None:',
  '        optimizer.set_report_period(report_period_min)',
  '    optimizer.start()',
  '    if time_limit_min is not None:',
  '        optimizer.set_time_limit(in_minutes=time_limit_min)',
  '    optimizer.wait()',
  '    for experiment in optimizer.get_top_experiments_details(top_k=3):',
  '        print(experiment)',
  '    optimizer.stop()',
  '',
  '',
  'if __name__ == "__main__":',
  '    main()',
  '',
].join('\n');
