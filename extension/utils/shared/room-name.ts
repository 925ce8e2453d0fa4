/** What a room (broadcaster) name may be: the server's pattern from the catalog, never a copy. */
import { CATALOG } from './wire';

const ROOM_NAME = new RegExp(CATALOG.room_name_pattern);

export function isRoomName(name: string): boolean {
  return ROOM_NAME.test(name);
}
