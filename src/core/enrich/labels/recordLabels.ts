import type { MiaRecord } from '../../model';
import type { Labeller } from '../enrichTypes';
import { appLabelText, ipLabelText } from './labelText';

/** The display labels of one record's IP and app (plain text), as the grid and detail show them. */
export interface RecordLabels {
  ip?: string;
  app?: string;
  appFlagged?: boolean;
  appNote?: string;
}

/**
 * Labels a record's IP (`ipLabelText`) and app (`appLabelText`, Graph → ClientAppId). Only what
 * adds to the raw value is returned: an IP with nothing known about it gets no label.
 */
export function recordLabels(labels: Labeller, record: MiaRecord): RecordLabels {
  const out: RecordLabels = {};
  const ip = labels.ip(record.ip);
  const ipText = ipLabelText(ip);
  if (ipText !== undefined && ipText !== record.ip) out.ip = ipText;
  const app = labels.app(record.appId, record.clientAppId);
  const appText = appLabelText(app);
  if (app && appText !== undefined) {
    out.app = appText;
    if (app.flagged) out.appFlagged = true;
    if (app.note !== undefined) out.appNote = app.note;
  }
  return out;
}
