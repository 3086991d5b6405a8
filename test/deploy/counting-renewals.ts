/**
 * A deploy client that counts the lock renewals (`projects.update`) sent through it, for the
 * lease tests that wait on renewals instead of sleeping.
 */
import { DeployClient } from '../../lib/deploy/client';

/** `client`, counting the `projects.update` calls sent through it. */
export function countingRenewals(client: DeployClient): { client: DeployClient; renewals: () => number } {
  let renewals = 0;
  return {
    client: {
      call: (endpoint, body, options) => {
        renewals += endpoint === 'projects.update' ? 1 : 0;
        return client.call(endpoint, body, options);
      },
      getAll: (endpoint, body, key) => client.getAll(endpoint, body, key),
    },
    renewals: () => renewals,
  };
}
