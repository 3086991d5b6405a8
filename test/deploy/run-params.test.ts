import { parseRunArguments } from '../../lib/deploy/run-params';
import { ParameterSpec } from '../../lib/manifest/schema';

const DECLARED: ParameterSpec[] = [
  { name: 'model_id', default: 'org/m', type: 'str', description: '' },
  { name: 'num_samples', default: '512', type: 'int', description: '' },
  { name: 'dampening', default: '0.01', type: 'float', description: '' },
  { name: 'save', default: 'True', type: 'bool', description: '' },
  { name: 'ignore', default: '["lm_head"]', type: 'list', description: '' },
];

describe('parseRunArguments', () => {
  test('converts values to the text the SDK stores, sorted by name', () => {
    expect(parseRunArguments(['save=false', 'num_samples=1024', 'model_id=org/other=x', 'ignore=["a"]', 'dampening=0.1'], DECLARED, 'p')).toEqual([
      { name: 'dampening', value: '0.1' },
      { name: 'ignore', value: '["a"]' },
      { name: 'model_id', value: 'org/other=x' },
      { name: 'num_samples', value: '1024' },
      { name: 'save', value: 'False' },
    ]);
  });

  test('fails on unknown names and wrong types, listing every problem and the declared parameters', () => {
    expect(() => parseRunArguments(['modelid=x', 'num_samples=many', 'save=yes'], DECLARED, 'p')).toThrow(
      /Invalid --param: 'modelid' is not a parameter of pipeline 'p'; 'num_samples' expects a whole number \(int\), got 'many'; 'save' expects true or false \(bool\), got 'yes'\. Declared parameters: model_id \(str, default 'org\/m'\)/,
    );
  });

  test('fails on an assignment without =', () => {
    expect(() => parseRunArguments(['model_id'], DECLARED, 'p')).toThrow(/is not of the form name=value/);
  });
});
