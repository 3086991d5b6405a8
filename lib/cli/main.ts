/**
 * The command line: parses arguments with yargs, runs one command, and turns every error into
 * a message on stderr and a documented exit code (0 ok, 1 failure or differences, 2 usage,
 * 3 environment).
 */
import yargs, { Argv } from 'yargs';
import { CdkStyleError, ExitCode } from '../base/errors';
import { COMMANDS } from './commands/registry';
import { withRedactedOutput } from './redacted-output';
import { unknownCommandMessage } from './unknown-command';
import { packageVersion } from './version';

/** A command line yargs could not parse (unknown command or option, missing argument). */
class ArgumentsError extends Error {
  public override readonly name = 'ArgumentsError';
}

/** Builds the parser (exported for tests that check the help text). */
export function buildParser(argv: readonly string[]): Argv {
  let parser = yargs([...argv])
    .scriptName('cdk-style')
    .usage('$0 <command> [options]\n\nClearML pipelines as typed construct trees.')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'Name a command.')
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      if (error !== undefined && error !== null && error.name !== 'YError') {
        throw error;
      }
      throw new ArgumentsError(message ?? error?.message ?? 'Invalid arguments.');
    });
  for (const command of COMMANDS) {
    parser = parser.command(command as never);
  }
  return parser;
}

function isUsageProblem(error: unknown): boolean {
  return error instanceof ArgumentsError || (error instanceof Error && error.name === 'YError');
}

function report(error: unknown, parser: Argv): number {
  if (isUsageProblem(error)) {
    parser.showHelp((text) => process.stderr.write(`${text}\n\n`));
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return ExitCode.USAGE;
  }
  if (CdkStyleError.isCdkStyleError(error)) {
    process.stderr.write(`Error [${error.code}]: ${error.message}\n`);
    if (error.exitCode === ExitCode.USAGE) {
      process.stderr.write(`Run 'cdk-style --help' for usage.\n`);
    }
    return error.exitCode;
  }
  const detail = process.env.CDK_STYLE_DEBUG ? (error as Error)?.stack : (error as Error)?.message;
  process.stderr.write(`Error: ${detail ?? String(error)}\n`);
  return ExitCode.FAILURE;
}

/** Command names and aliases, as typed on the command line. */
function commandNames(): string[] {
  return COMMANDS.flatMap((c) => [...[c.command ?? []].flat(), ...[c.aliases ?? []].flat()].map((usage) => String(usage).split(' ')[0]));
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code. Everything
 * it prints is redacted (see redacted-output.ts).
 */
export function main(argv: readonly string[]): Promise<number> {
  return withRedactedOutput(() => runCommand(argv));
}

async function runCommand(argv: readonly string[]): Promise<number> {
  const parser = buildParser(argv);
  process.exitCode = 0;
  try {
    const unknown = unknownCommandMessage(argv, commandNames());
    if (unknown !== undefined) {
      throw new ArgumentsError(unknown);
    }
    await parser.parseAsync();
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return code;
  } catch (error) {
    process.exitCode = 0;
    return report(error, parser);
  }
}
