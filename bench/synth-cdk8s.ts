/**
 * One cdk8s measurement, run in a fresh process like synth-one.ts: builds one chart of N API
 * objects and synthesizes it to YAML. Kind `configmap`: the smallest useful object (about
 * 80 bytes of YAML each); kind `job`: a batch Job about as large as a minimal cdk-style step
 * (about 1.5 KB each). Prints one JSON line of the same shape as synth-one.ts.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { printSynthSample } from './synth-sample';

function configMap(chart: Chart, i: number): void {
  new ApiObject(chart, `config${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `config-${i}` }, data: { index: String(i) } });
}

function job(chart: Chart, i: number): void {
  const env = Array.from({ length: 10 }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${i}-${k}` }));
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
const add = process.argv[3] === 'job' ? job : configMap;
printSynthSample(objects, (outdir) => {
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < objects; i++) {
    add(chart, i);
  }
  return app;
});
