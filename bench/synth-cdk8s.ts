/**
 * One cdk8s measurement, run in a fresh process like synth-one.ts: builds one chart of N API
 * objects and synthesizes it to YAML. Kind `configmap`: the smallest useful object (about
 * 80 bytes of YAML each); kind `job`: a batch Job about as large as a minimal cdk-style step
 * (about 1.4 KiB); kind `job-large`: the same Job with more settings, about as large as a
 * seed-like step (about 5.7 KiB). Prints one JSON line of the same shape as synth-one.ts.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { printSynthSample } from './synth-sample';

/** Environment variables of a `job-large`: about as large as a seed-like cdk-style step. */
const ENV_SETTINGS_LARGE = 78;

function configMap(chart: Chart, i: number): void {
  new ApiObject(chart, `config${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `config-${i}` }, data: { index: String(i) } });
}

function job(chart: Chart, i: number, settings: number): void {
  const env = Array.from({ length: settings }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${i}-${k}` }));
  new ApiObject(chart, `job${i}`, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `job-${i}`, labels: { 'app.kubernetes.io/name': 'bench', 'app.kubernetes.io/instance': `job-${i}` }, annotations: { 'bench/owner': 'cdk-style' } },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{
            name: 'main', image: 'python:3.11', workingDir: '/workspace', command: ['python3', 'run.py'], args: ['--index', String(i)], env,
            resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
            volumeMounts: [{ name: 'workspace', mountPath: '/workspace' }],
          }],
          volumes: [{ name: 'workspace', emptyDir: {} }],
        },
      },
    },
  });
}

const objects = Number(process.argv[2]);
const KINDS: Record<string, (chart: Chart, i: number) => void> = {
  'configmap': configMap,
  'job': (chart, i) => job(chart, i, 10),
  'job-large': (chart, i) => job(chart, i, ENV_SETTINGS_LARGE),
};
const add = KINDS[process.argv[3] ?? 'configmap'];
printSynthSample(objects, (outdir) => {
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < objects; i++) {
    add(chart, i);
  }
  return app;
});
