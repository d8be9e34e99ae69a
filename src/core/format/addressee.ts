import { msg, str } from '@lit/localize';
import type { Case } from '../../schema/index.js';

/** Who a case's petition is addressed to, title and name joined as the language joins them. */
export const addressee = ({ title, name }: Case['target']): string =>
  title ? msg(str`${title}, ${name}`, { id: 'target.title-name' }) : name;
