// The person's own answers and the earlier versions of them, in browser storage.
// Only an explicit choice (typing, "Keep these answers", "Start over", Undo) calls save();
// whatever it replaces goes on the list of earlier versions first, so nothing is lost.

const OWN = "amm-assessment";
const EARLIER = "amm-assessment-earlier";
export const EARLIER_MAX = 10;

export class Keeper {
  /** `storage` is localStorage or a stand-in with getItem/setItem; `format` from makeFormat. */
  constructor(storage, format, now = () => new Date()) {
    this.storage = storage;
    this.format = format;
    this.now = now;
  }

  read(key) {
    try {
      return JSON.parse(this.storage.getItem(key));
    } catch {
      return null; // unreadable or blocked storage: start without it
    }
  }

  write(key, value) {
    try {
      this.storage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  /** The answers saved in this browser, or blank ones. */
  own() {
    return this.format.fromFile(this.read(OWN))?.state ?? this.format.blank();
  }

  /** Earlier versions, newest first: [{at: "2025-03-04T10:00:00.000Z", state}]. */
  earlier() {
    const list = this.read(EARLIER);
    if (!Array.isArray(list)) return [];
    return list.flatMap((entry) => {
      const parsed = this.format.fromFile(entry?.file);
      const at = typeof entry?.at === "string" && !Number.isNaN(Date.parse(entry.at)) ? entry.at : null;
      return parsed && at ? [{ at, state: parsed.state }] : [];
    });
  }

  /**
   * Makes `state` the person's own answers. A different, non-empty previous version is
   * listed as an earlier one, unless `quiet` (every keystroke would otherwise be a version).
   * Returns false when the browser refuses to store anything.
   */
  save(state, { quiet = false } = {}) {
    const before = this.own();
    if (!quiet && !this.format.isEmpty(before) && !this.format.same(before, state)) {
      const list = this.earlier().filter((entry) => !this.format.same(entry.state, before));
      list.unshift({ at: this.now().toISOString(), state: before });
      const kept = list.slice(0, EARLIER_MAX).map((entry) => ({ at: entry.at, file: this.format.toFile(entry.state) }));
      if (!this.write(EARLIER, kept)) return false;
    }
    return this.write(OWN, this.format.toFile(state));
  }
}
