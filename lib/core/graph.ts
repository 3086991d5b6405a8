/**
 * The dependency graph of a pipeline's steps: parents and cycle detection.
 */
import { codeUnitOrder } from '../manifest/serialize';
import { Pipeline } from './pipeline';
import { Step } from './step';

/** The steps of `pipeline`, in construct-tree order. */
export function stepsOf(pipeline: Pipeline): Step[] {
  return pipeline.node.findAll().filter((c): c is Step => Step.isStep(c));
}

/** The steps `step` waits for (explicitly or through references), restricted to `pipeline`. */
export function parentSteps(step: Step, pipeline: Pipeline): Step[] {
  const parents = step.producers.filter((p): p is Step => Step.isStep(p) && p !== step && p.pipeline === pipeline);
  return [...new Set(parents)];
}

/** The node names of a step's parents, sorted. */
export function parentNames(step: Step, pipeline: Pipeline): string[] {
  return [...new Set(parentSteps(step, pipeline).map((p) => p.stepName))].sort(codeUnitOrder);
}

/**
 * Finds one dependency cycle and returns it as node names, first name repeated at the end
 * (`['a', 'b', 'a']`), or undefined when the graph is acyclic. Steps are visited in sorted
 * node-name order so the reported cycle does not depend on declaration order.
 */
export function findCycle(steps: readonly Step[], pipeline: Pipeline): string[] | undefined {
  const state = new Map<Step, 'visiting' | 'done'>();
  const stack: Step[] = [];
  const byName = (a: Step, b: Step) => codeUnitOrder(a.stepName, b.stepName) || codeUnitOrder(a.node.path, b.node.path);
  const visit = (step: Step): string[] | undefined => {
    state.set(step, 'visiting');
    stack.push(step);
    for (const parent of parentSteps(step, pipeline).concat(step.producers.includes(step) ? [step] : []).sort(byName)) {
      if (state.get(parent) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(parent));
        return [...cycle, parent].map((s) => s.stepName).reverse();
      }
      const found = state.has(parent) ? undefined : visit(parent);
      if (found) {
        return found;
      }
    }
    stack.pop();
    state.set(step, 'done');
    return undefined;
  };
  for (const step of [...steps].sort(byName)) {
    const found = state.has(step) ? undefined : visit(step);
    if (found) {
      return found;
    }
  }
  return undefined;
}
