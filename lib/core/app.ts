/**
 * The root of a construct tree: holds pipelines and writes the cloud assembly.
 */
import { Construct, IConstruct } from 'constructs';
import { AssemblyManifest } from '../manifest/schema';
import { reportErrorsToCli } from './cli-child';
import { buildManifests } from './synthesizer';

const APP_BRAND = Symbol.for('cdk-style.App');

/** Properties of an {@link App}. */
export interface AppProps {
  /**
   * Directory the assembly is written to.
   * @default `process.env.CDK_STYLE_OUTDIR`, else 'cdk.out'
   */
  readonly outdir?: string;
}

/** The root construct: create pipelines in it, then call `synth()`. */
export class App extends Construct {
  /** Returns true when `x` is an {@link App}, whichever copy of the package made it. */
  public static isApp(x: unknown): x is App {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[APP_BRAND] === true;
  }

  /** The App at the root of `construct`'s tree; throws when the root is not an App. */
  public static of(construct: IConstruct): App {
    const root = construct.node.root;
    if (!App.isApp(root)) {
      throw new Error(`cannot find an App at the root of '${construct.node.path}'; create pipelines with an App as root`);
    }
    return root;
  }

  /** Output directory. */
  public readonly outdir: string;

  /** @param props app settings */
  public constructor(props: AppProps = {}) {
    super(undefined as unknown as Construct, '');
    Object.defineProperty(this, APP_BRAND, { value: true });
    this.outdir = props.outdir ?? process.env.CDK_STYLE_OUTDIR ?? 'cdk.out';
  }

  /**
   * Validates the tree, writes the assembly to `outdir` and returns its index. The tree is
   * locked afterwards: adding constructs, overrides or dependencies then throws, and a second
   * `synth()` writes the same output again.
   */
  public synth(): AssemblyManifest {
    reportErrorsToCli();
    const pipelines = buildManifests(this);
    this.node.lock();
    // Loaded here, not at the top: building and validating a tree never needs the file writer.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeAssembly } = require('../manifest/write') as typeof import('../manifest/write');
    return writeAssembly(this.outdir, pipelines);
  }
}
