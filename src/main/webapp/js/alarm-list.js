// The live alarm list: RAISED and ACKNOWLEDGED alarms, newest first, with their age and an ack
// button. Text from Kafka goes in through textContent only.

function age(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export class AlarmList {
  #list;
  #empty;
  #onAck;
  #alarms = new Map();

  constructor(list, empty, onAck) {
    this.#list = list;
    this.#empty = empty;
    this.#onAck = onAck;
  }

  /** Takes an alarm in any state: cleared ones leave the list. */
  update(alarm) {
    if (alarm.state === 'CLEARED') {
      this.#alarms.delete(alarm.id);
    } else {
      this.#alarms.set(alarm.id, alarm);
    }
    this.render();
  }

  activeBySeverity() {
    const counts = { WARNING: 0, CRITICAL: 0 };
    for (const a of this.#alarms.values()) {
      counts[a.severity] = (counts[a.severity] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * Updates the list in place, keyed by alarm id: an item is rebuilt only when its alarm changed,
   * so a focused Acknowledge button keeps its focus while ages tick every second.
   */
  render(now = Date.now()) {
    const alarms = [...this.#alarms.values()].sort((a, b) => b.raisedAt - a.raisedAt);
    this.#empty.hidden = alarms.length > 0;
    const existing = new Map([...this.#list.children].map((li) => [li.dataset.alarmId, li]));
    const items = alarms.map((a) => {
      let li = existing.get(a.id);
      if (!li || li.alarm !== a) {
        const fresh = this.#item(a, now);
        if (li) {
          li.replaceWith(fresh);
        }
        li = fresh;
      }
      li.querySelector('.age').textContent = age(now - a.raisedAt);
      return li;
    });
    for (const [id, li] of existing) {
      if (!this.#alarms.has(id)) {
        li.remove();
      }
    }
    items.forEach((li, i) => {
      if (this.#list.children[i] !== li) {
        this.#list.insertBefore(li, this.#list.children[i] ?? null);
      }
    });
  }

  #item(alarm, now) {
    const li = document.createElement('li');
    li.alarm = alarm;
    li.className = 'alarm';
    li.dataset.alarmId = alarm.id;
    li.dataset.severity = alarm.severity;
    li.dataset.state = alarm.state;
    const severity = document.createElement('span');
    severity.className = 'severity';
    severity.textContent = alarm.severity;
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = `${alarm.deviceId} · ${alarm.message ?? ''}`;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${alarm.site ?? ''} ${alarm.line ?? ''}`.trim();
    const since = document.createElement('span');
    since.className = 'age';
    since.textContent = age(now - alarm.raisedAt);
    li.append(severity, what, where, since);
    if (alarm.state === 'RAISED') {
      const ack = document.createElement('button');
      ack.type = 'button';
      ack.className = 'ack';
      ack.textContent = 'Acknowledge';
      ack.setAttribute('aria-label', `Acknowledge ${alarm.severity} alarm on ${alarm.deviceId}`);
      ack.addEventListener('click', () => this.#onAck(alarm));
      li.append(ack);
    } else {
      const by = document.createElement('span');
      by.className = 'acked';
      by.textContent = `acknowledged by ${alarm.acknowledgedBy ?? 'someone'}`;
      li.append(by);
    }
    return li;
  }
}
