// Which pages a role may use. The workflows' validators judge every action again; these decide
// what a page offers and who gets the "not allowed" page.
import type { Actor } from '@probity/shared/auth';
import { mayRecordFirstContact } from '@probity/shared/auth/bearer';
import { mayRaiseConductMatter } from '../conduct/conduct-form';

export const MANAGER_ROLES = ['psd-manager', 'head-of-psd'];

/** PSD managers and the head of PSD: breaches, workload, reallocation, timeliness. */
export const mayOversee = (actor: Actor) => MANAGER_ROLES.includes(actor.role);
export const mayRecordComplaint = mayRecordFirstContact;
export const mayRaiseConduct = mayRaiseConductMatter;
