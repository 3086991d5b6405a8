/**
 * Reading clearml.conf with the HOCON parser: a full file in the shape ClearML writes (large
 * `sdk` section, commented-out defaults, both comment styles, unquoted URLs and booleans).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiSettingsOf, quoteUnquotedUrls, readApiSettings } from '../../lib/clearml/config-file';

const FULL_CONF = `# ClearML SDK configuration file
api {
    # Notice: 'host' is the api server (default port 8008), not the web server.
    api_server: https://api.clear.ml
    web_server: https://app.clear.ml
    files_server: https://files.clear.ml
    # Credentials are generated using the webapp, https://app.clear.ml/settings
    # Override with os environment: CLEARML_API_ACCESS_KEY / CLEARML_API_SECRET_KEY
    credentials {"access_key": "FULLCONFACCESSKEY", "secret_key": "Full+Conf/Secret=="}
}
sdk {
    # ClearML - default SDK configuration

    storage {
        cache {
            # Defaults to <system_temp_folder>/clearml_cache
            default_base_dir: "~/.clearml/cache"
            # default_cache_manager_size: 100
        }

        direct_access: [
            # Objects matching are considered to be available for direct access
            { url: "file://*" }  // file-urls are always directly referenced
        ]
    }

    metrics {
        # History size for debug files per metric/variant.
        file_history_size: 100

        # Max history size for matplotlib imshow files per plot title.
        matplotlib_untitled_history_size: 100

        images {
            format: JPEG
            quality: 87
            subsampling: 0
        }

        tensorboard_single_series_per_graph: false
    }

    network {
        file_upload_retries: 3
        metrics {
            file_upload_threads: 4
            file_upload_starvation_warning_sec: 120
        }
        iteration {
            max_retries_on_server_error: 5
            retry_backoff_factor_sec: 10
        }
    }
    aws {
        s3 {
            # S3 credentials, used for read/write access by various SDK elements
            key: ""
            secret: ""
            region: ""
            credentials: [
                # specifies key/secret credentials to use when handling s3 urls (read or write)
                # {
                #     bucket: "my-bucket-name"
                #     key: "my-access-key"
                #     secret: "my-secret-key"
                # },
            ]
        }
        boto3 {
            pool_connections: 512
            max_multipart_concurrency: 16
        }
    }
    google.storage {
        # # Default project and credentials file
        # project: "clearml"
        # credentials_json: "/path/to/credentials.json"
    }
    azure.storage {
        # containers: [
        #     {
        #         account_name: "clearml"
        #         account_key: "secret"
        #     }
        # ]
    }

    log {
        null_log_propagate: False
        task_log_buffer_capacity: 66
        disable_urllib3_info: True
    }

    development {
        task_reuse_time_window_in_hours: 72.0
        vcs_repo_detect_async: True
        store_uncommitted_code_diff: True
        support_stopping: True
        default_output_uri: ""
        force_analyze_entire_repo: false
        suppress_update_message: false
        detect_with_pip_freeze: false
        worker {
            report_period_sec: 2
            ping_period_sec: 30
            log_stdout: True
            report_global_mem_used: false
        }
    }
}
`;

function write(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-conf-')), 'clearml.conf');
  fs.writeFileSync(file, text);
  return file;
}

test('reads the api section of a full clearml.conf', async () => {
  expect(await readApiSettings(write(FULL_CONF))).toEqual({
    apiServer: 'https://api.clear.ml', webServer: 'https://app.clear.ml', filesServer: 'https://files.clear.ml',
    accessKey: 'FULLCONFACCESSKEY', secretKey: 'Full+Conf/Secret==', verifyCertificate: undefined,
  });
});

test('reads a file where every value is quoted and the blocks are nested on one line', async () => {
  const file = write('api { api_server: "http://h:8008", verify_certificate: true, credentials { access_key: "A", secret_key: "S" } }\n');
  expect(await readApiSettings(file)).toMatchObject({ apiServer: 'http://h:8008', verifyCertificate: true, accessKey: 'A', secretKey: 'S' });
});

test('an empty value counts as absent', async () => {
  expect(await readApiSettings(write('api { credentials { access_key: "", secret_key: "  " } }'))).toMatchObject({ accessKey: undefined, secretKey: undefined });
});

test('an unreadable file is an environment error naming it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-conf-'));
  await expect(readApiSettings(dir)).rejects.toMatchObject({ code: 'BadConfigFile', message: expect.stringContaining(dir) });
});

test('api.host is the legacy name of api.api_server', () => {
  expect(apiSettingsOf({ api: { host: 'http://legacy:8008' } }).apiServer).toBe('http://legacy:8008');
  expect(apiSettingsOf({ api: { host: 'http://legacy:8008', api_server: 'http://new:8008' } }).apiServer).toBe('http://new:8008');
});

describe('quoteUnquotedUrls', () => {
  test('quotes URL values written without quotes', () => {
    expect(quoteUnquotedUrls('  api_server: http://10.0.0.1:8008\n  web_server = https://app.x.io/  # ui'))
      .toBe('  api_server: "http://10.0.0.1:8008"\n  web_server = "https://app.x.io/"  # ui');
  });

  test('leaves quoted values, comments and URLs inside strings alone', () => {
    const text = [
      '  api_server: "http://quoted:8008"',
      '  # web_server: http://commented:8080',
      '  // files_server: http://commented:8081',
      '  note: "see a: http://inside.string"',
      '  direct_access: [ { url: "file://*" } ]',
    ].join('\n');
    expect(quoteUnquotedUrls(text)).toBe(text);
  });
});
