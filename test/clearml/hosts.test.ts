/**
 * Web and file server addresses derived from the API address, as the ClearML SDK does.
 */
import { deriveHost } from '../../lib/clearml/hosts';

test.each([
  ['https://api.clear.ml', 'https://app.clear.ml', 'https://files.clear.ml'],
  ['http://localhost:8008', 'http://localhost:8080', 'http://localhost:8081'],
  ['https://api.example.org:8443/', 'https://app.example.org:8443/', 'https://files.example.org:8443/'],
  ['http://10.0.0.5:8008', 'http://10.0.0.5:8080', 'http://10.0.0.5:8081'],
  ['https://clearml.internal/api', 'https://clearml.internal/api', 'https://clearml.internal/api'],
  ['not a url', 'not a url', 'not a url'],
])('%s -> web %s, files %s', (api, web, files) => {
  expect(deriveHost(api, 'web')).toBe(web);
  expect(deriveHost(api, 'files')).toBe(files);
});
