/**
 * The `users` service, reduced to what SDK start-up paths read: the current user.
 */
import { HandlerTable } from './context';

/** Handlers of the `users` service. */
export const userHandlers: HandlerTable = {
  'users.get_current_user': (_body, ctx) => ({
    user: {
      id: ctx.identity.user, name: ctx.identity.user_name, role: ctx.identity.role,
      company: { id: ctx.identity.company, name: ctx.identity.company_name },
    },
    getting_started: {}, settings: {},
  }),
};
