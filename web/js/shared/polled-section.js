// A section with a list (#/<section>) and one item's detail (#/<section>/<id>) whose data is read again every few
// seconds while the section is shown and the tab is visible, and not at all otherwise (Campaigns, Integrations,
// Series). A subclass builds `this.list` and `this.detail` in build(), answers its store from `get store()`, reads in
// poll() (clearing and setting `this.timer`), and calls pollWhileVisible() once from build().

export class PolledSection extends HTMLElement {
  /** Reads again at once when the tab comes back, and stops reading while it is hidden. */
  pollWhileVisible() {
    document.addEventListener('visibilitychange', () => {
      if (!this.active) return;
      if (document.hidden) clearTimeout(this.timer);
      else this.poll(); // catch up at once when the tab comes back
    });
  }

  /** Shows the list (`id` null) or one item, and keeps it current until left. */
  show(id) {
    this.build();
    this.active = true;
    this.list.hidden = Boolean(id);
    this.detail.hidden = !id;
    this.store.dispatch(id ? { type: 'opened', id } : { type: 'closed' });
    this.poll();
  }

  /** The section was left: nothing is read any more. */
  leave() {
    this.active = false;
    clearTimeout(this.timer);
  }
}
