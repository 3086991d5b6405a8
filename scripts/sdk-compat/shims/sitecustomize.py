"""Traces every ClearML API call the SDK makes, when CDK_STYLE_SDK_TRACE names a file.

Python imports `sitecustomize` at start-up from the first directory on the path that has one;
record_fixtures.py puts this directory on PYTHONPATH for the scenario processes it runs. Each
line of the trace is JSON: endpoint, HTTP status, and the server's result message when the call
did not succeed. Nothing changes in what the SDK sends or receives.
"""
import json
import os

_TRACE = os.environ.get('CDK_STYLE_SDK_TRACE')


def _install(path):
    from clearml.backend_api.session.session import Session

    original = Session._send_request

    def traced(self, service, action, *args, **kwargs):
        response = original(self, service, action, *args, **kwargs)
        entry = {'endpoint': '{}.{}'.format(service, action), 'status': getattr(response, 'status_code', None)}
        if entry['status'] != 200 and response is not None:
            try:
                entry['result_msg'] = response.json().get('meta', {}).get('result_msg')
            except ValueError:
                entry['result_msg'] = response.text[:200]
        with open(path, 'a') as trace:
            trace.write(json.dumps(entry) + '\n')
        return response

    Session._send_request = traced


if _TRACE:
    try:
        _install(_TRACE)
    except ImportError:  # not a process that has the SDK on its path
        pass
