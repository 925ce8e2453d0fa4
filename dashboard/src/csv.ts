/**
 * The CSV button: GET /api/v1/analytics/{room}/export.csv with the bearer token, saved as a
 * file. Whether the plan includes it comes from the server (`/me` limits.csv_export, the
 * owner's tier for a room of one's own); for a room one is a member of, the server decides.
 */
import { ApiError, type ApiClient, type Me } from './api';

const button = (): HTMLButtonElement => document.getElementById('export') as HTMLButtonElement;
const note = (): HTMLElement => document.getElementById('export-note') as HTMLElement;

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000); // after the download has started
}

/** Enable or explain the button for `room`; `window` is the window the page shows. */
export function setupExport(api: ApiClient, me: Me, room: string, window: Record<string, string>): void {
  const own = me.account.broadcasters.includes(room);
  const allowed = !own || me.limits?.csv_export === true;
  button().disabled = !allowed;
  button().title = allowed ? 'Every event of this window as a CSV file' : 'Needs the pro or studio plan';
  note().textContent = allowed ? '' : `CSV export needs the pro or studio plan (this account: ${me.account.tier}).`;
  button().onclick = async () => {
    button().disabled = true;
    note().textContent = 'Preparing the CSV…';
    try {
      const { blob, name } = await api.file(`analytics/${encodeURIComponent(room)}/export.csv`, window);
      save(blob, name ?? `${room}.csv`);
      note().textContent = `Saved ${name ?? `${room}.csv`}.`;
    } catch (error) {
      note().textContent = error instanceof ApiError ? error.message : 'The export failed; try again.';
    } finally {
      button().disabled = false;
    }
  };
}
