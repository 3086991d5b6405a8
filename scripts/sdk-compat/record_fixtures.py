#!/usr/bin/env python3
"""Records import fixtures from what the real ClearML SDK (and the seed's automation package) write.

For each fixture: starts a fresh in-memory cdk-style sandbox, runs one scenario script against it
with the real SDK (scenarios/), reads back every project and task over the API, replaces task ids
with `@<ref>` (what test/import/load-fixture.ts resolves) and writes test/import/fixtures/<name>.json.
Every API call the SDK made is traced (shims/sitecustomize.py); calls the sandbox did not answer
with 200 are printed and make the recording fail. See README.md for the set-up.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
SHIMS = os.path.join(HERE, 'shims')
TASK_FIELDS = ('name', 'type', 'comment', 'system_tags', 'tags', 'script', 'container', 'hyperparams',
               'configuration', 'runtime', 'models')
ID = re.compile(r'\b[0-9a-f]{32}\b')
# Failures the SDK provokes on purpose, answered as the real server answers them: it looks a queue
# up as an id first (backend_interface/util.py get_queue_id) and falls back to its name.
EXPECTED_FAILURES = [('queues.get_by_id', 400, re.compile(r'^Invalid queue id'))]

SCENARIOS = {
    'recorded-sdk-pipeline-controller': {
        'script': 'make_vision_pipeline.py', 'queues': ['services', 'cpu', 'gpu-a100'], 'standalone': True,
        'what': "scripts/sdk-compat/scenarios/make_vision_pipeline.py: three Task.create drafts in vision_team, then "
                "PipelineController(name='train_pipeline', project='vision_team', version='1.2.0'), add_parameter('lr'), "
                "three add_step(base_task_id=...) with parameter_override references (${prepare.id}, ${pipeline.lr}, "
                "${train.models.output.-1.id}, ${train.parameters.Args/lr}), monitors, time_limit, continue_on_fail, and "
                "start(queue='services'), run as a standalone script outside any git repository",
    },
    'recorded-seed-pipeline': {
        'script': 'seed_docs_pipeline.py', 'queues': ['services', 'oneshot-a100x1'], 'standalone': False,
        'what': "scripts/sdk-compat/scenarios/seed_docs_pipeline.py: the seed's docs/creating_pipelines.md example "
                "(LLMCompressorTask step1_draft with config quantization_w4a16, LMEvalTask step2_draft/step3_draft with "
                "configs openllm/leaderboard, Pipeline('alexandre_debug', 'my_pipeline'), three add_step, "
                "execute_remotely()) run with the seed's src/ on PYTHONPATH from the seed checkout's root",
    },
}


class Sandbox(object):
    """A `cdk-style sandbox` child process (own process group), and an API session to it."""

    def __init__(self, queues):
        command = ['npx', 'tsx', 'bin/cdk-style.ts', 'sandbox', '--port', '0']
        for queue in queues:
            command += ['--queue', queue]
        self.process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True, start_new_session=True)
        self.env = {}
        for line in self.process.stdout:
            match = re.match(r'export (CLEARML_[A-Z_]+)=(\S+)', line)
            if match:
                self.env[match.group(1)] = match.group(2)
            if 'CLEARML_API_SECRET_KEY' in self.env:
                break
        if 'CLEARML_API_SECRET_KEY' not in self.env:
            raise RuntimeError('the sandbox did not start: {}'.format(' '.join(command)))
        self.host = self.env['CLEARML_API_HOST']
        login = requests.post(self.host + '/auth.login', auth=(self.env['CLEARML_API_ACCESS_KEY'], self.env['CLEARML_API_SECRET_KEY']))
        self.token = login.json()['data']['token']

    def call(self, endpoint, body):
        """One API call; returns `data`."""
        response = requests.post('{}/{}'.format(self.host, endpoint), json=body, headers={'Authorization': 'Bearer ' + self.token})
        envelope = response.json()
        if response.status_code != 200:
            raise RuntimeError('{}: {}'.format(endpoint, envelope['meta']['result_msg']))
        return envelope['data']

    def stop(self):
        os.killpg(self.process.pid, 15)
        self.process.wait(timeout=30)


def run_scenario(spec, sandbox, seed_src, trace_path):
    """Runs the scenario script with the SDK; returns its exit code."""
    script = os.path.join(HERE, 'scenarios', spec['script'])
    env = dict(os.environ, **sandbox.env)
    env['HOME'] = tempfile.mkdtemp(prefix='cdk-style-sdk-home-')
    env['CDK_STYLE_SDK_TRACE'] = trace_path
    env['CDK_STYLE_SKIP_OUTPUT_CHECK'] = '1'
    # The seed orders packages through a set(): a fixed hash seed makes re-recordings comparable.
    env['PYTHONHASHSEED'] = '0'
    path = [SHIMS] + ([os.path.join(seed_src, 'src')] if not spec['standalone'] else []) + [p for p in env.get('PYTHONPATH', '').split(':') if p]
    env['PYTHONPATH'] = ':'.join(path)
    if spec['standalone']:
        cwd = tempfile.mkdtemp(prefix='cdk-style-sdk-user-')
        script = shutil.copy(script, cwd)
    else:
        cwd = seed_src
    return subprocess.run([sys.executable, os.path.basename(script) if spec['standalone'] else script], cwd=cwd, env=env, timeout=600).returncode


def refs_of(tasks):
    """A ref per task id: the controller is `controller`, every other task its name."""
    refs = {}
    for task in tasks:
        ref = 'controller' if task['type'] == 'controller' else re.sub(r'[^A-Za-z0-9_]', '_', task['name'])
        if ref in refs.values():
            raise RuntimeError('two recorded tasks would share ref {}'.format(ref))
        refs[task['id']] = ref
    return refs


def with_refs(value, refs):
    """`value` with every task id replaced by `@<ref>`."""
    if isinstance(value, str):
        return ID.sub(lambda m: '@' + refs[m.group(0)] if m.group(0) in refs else m.group(0), value)
    if isinstance(value, list):
        return [with_refs(v, refs) for v in value]
    if isinstance(value, dict):
        return {k: with_refs(v, refs) for k, v in value.items()}
    return value


def dump(sandbox):
    """Projects and tasks as fixture entries, plus each task's status by ref."""
    projects = sorted(sandbox.call('projects.get_all', {'search_hidden': True})['projects'], key=lambda p: p['name'])
    project_names = {p['id']: p['name'] for p in projects}
    tasks = sorted(sandbox.call('tasks.get_all', {'search_hidden': True})['tasks'], key=lambda t: (t['created'], t['name']))
    refs = refs_of(tasks)
    entries = []
    for task in tasks:
        entry = {'ref': refs[task['id']], 'project': project_names[task['project']]}
        entry.update({field: task[field] for field in TASK_FIELDS if field in task})
        if task.get('output', {}).get('destination'):
            entry['output_dest'] = task['output']['destination']
        entries.append(with_refs(entry, refs))
    # Other 32-hex strings are content (the SDK's md5 task hashes); ids of other objects would not
    # survive a reload, so they must not be there.
    others = set(project_names) | set(q['id'] for q in sandbox.call('queues.get_all', {})['queues'])
    others |= set(m['id'] for m in sandbox.call('models.get_all', {})['models'])
    stray = sorted(others & set(ID.findall(json.dumps(entries))))
    if stray:
        raise RuntimeError('ids of projects, queues or models in the recorded tasks: {}'.format(stray))
    statuses = {refs[t['id']]: t['status'] for t in tasks}
    return [{'name': p['name'], 'system_tags': p.get('system_tags', [])} for p in projects], entries, statuses


def expected_failure(call):
    """Whether `call` is one of EXPECTED_FAILURES."""
    return any(call['endpoint'] == endpoint and call['status'] == status and message.match(call.get('result_msg') or '')
               for endpoint, status, message in EXPECTED_FAILURES)


def failed_calls(trace_path):
    """The traced calls that did not get a 200."""
    if not os.path.exists(trace_path):
        raise RuntimeError('no trace written: is shims/ on the path and the SDK importable?')
    with open(trace_path) as trace:
        calls = [json.loads(line) for line in trace]
    return calls, [c for c in calls if c['status'] != 200 and not expected_failure(c)]


def record(name, args):
    """Records fixture `name`; returns the number of problems."""
    spec = SCENARIOS[name]
    sandbox = Sandbox(spec['queues'])
    trace_path = os.path.join(tempfile.mkdtemp(prefix='cdk-style-sdk-trace-'), name + '.jsonl')
    try:
        code = run_scenario(spec, sandbox, args.seed_src, trace_path)
        calls, failed = failed_calls(trace_path)
        endpoints = sorted(set(c['endpoint'] for c in calls))
        print('{}: scenario exit code {}, {} API calls to {} endpoints ({}), {} failed unexpectedly; trace {}'.format(
            name, code, len(calls), len(endpoints), ', '.join(endpoints), len(failed), trace_path))
        for call in failed:
            print('  {} -> {} {}'.format(call['endpoint'], call['status'], call.get('result_msg')))
        if code != 0 or failed:
            return 1
        projects, tasks, statuses = dump(sandbox)
    finally:
        sandbox.stop()
    sources = 'ClearML SDK {} (github allegroai/clearml commit {})'.format(args.sdk_version, args.sdk_commit)
    if not spec['standalone']:
        sources += " and the seed's automation package (github neuralmagic/research commit {})".format(args.seed_commit)
    fixture = {
        'description': 'Recorded, not composed: what {} wrote to a cdk-style sandbox when running {}. Recorded by '
                       'scripts/sdk-compat/record_fixtures.py, which read every project and task back over the API and '
                       "replaced task ids with '@<ref>' (the id of the task with that ref). recorded_status is each "
                       "task's status after the run (tasks.create cannot set it).".format(sources, spec['what']),
        'recorded_status': statuses,
        'projects': projects,
        'tasks': tasks,
    }
    with open(os.path.join(args.out, name + '.json'), 'w') as out:
        out.write(json.dumps(fixture, indent=2, sort_keys=False) + '\n')
    print('{}: wrote {} ({} projects, {} tasks)'.format(name, os.path.join(args.out, name + '.json'), len(projects), len(tasks)))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('fixtures', nargs='*', help='which to record (default: all): {}'.format(', '.join(sorted(SCENARIOS))))
    parser.add_argument('--seed-src', default='/tmp/sdk-research-src', help='checkout of neuralmagic/research')
    parser.add_argument('--seed-commit', required=True, help='commit of that checkout (for the description)')
    parser.add_argument('--sdk-commit', required=True, help='allegroai/clearml commit the SDK on PYTHONPATH is')
    parser.add_argument('--out', default=os.path.join(REPO_ROOT, 'test', 'import', 'fixtures'))
    args = parser.parse_args()
    unknown = [name for name in args.fixtures if name not in SCENARIOS]
    if unknown:
        parser.error('unknown fixture(s) {}; known: {}'.format(', '.join(unknown), ', '.join(sorted(SCENARIOS))))
    sys.path.insert(0, SHIMS)
    import clearml
    args.sdk_version = clearml.__version__
    return sum(record(name, args) for name in (args.fixtures or sorted(SCENARIOS)))


if __name__ == '__main__':
    sys.exit(main())
