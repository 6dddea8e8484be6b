// The live alarm list: RAISED and ACKNOWLEDGED alarms, newest first, with their age and an ack
// button. An alarm is worded on the page from its kind, metric and threshold, so it reads in the
// page's language; text from Kafka (device ids, sites, metric names) goes in through textContent.
import { messages } from './i18n.js';

/** The alarm's text in the page's language; the server's English `message` if its kind is new. */
export function describeAlarm(alarm, m = messages()) {
  switch (alarm.kind) {
    case 'HIGH':
    case 'LOW':
      return m.t(`alarm.${alarm.kind}`, { metric: alarm.metric ?? '', threshold: alarm.threshold ?? '' });
    case 'OFFLINE':
      return m.t('alarm.OFFLINE', { seconds: alarm.threshold ?? '' });
    case 'FAULT':
      return m.t('alarm.FAULT');
    default:
      return alarm.message ?? '';
  }
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

  /** Words every item again in the page's current language. */
  relabel() {
    for (const li of this.#list.children) li.alarm = null;
    this.render();
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
      li.querySelector('.age').textContent = messages().age(now - a.raisedAt);
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
    const m = messages();
    const li = document.createElement('li');
    li.alarm = alarm;
    li.className = 'alarm';
    li.dataset.alarmId = alarm.id;
    li.dataset.severity = alarm.severity;
    li.dataset.state = alarm.state;
    const severity = document.createElement('span');
    severity.className = 'severity';
    severity.textContent = m.t(`severity.${alarm.severity}`);
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = `${alarm.deviceId} · ${describeAlarm(alarm, m)}`;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${alarm.site ?? ''} ${alarm.line ?? ''}`.trim();
    const since = document.createElement('span');
    since.className = 'age';
    since.textContent = m.age(now - alarm.raisedAt);
    li.append(severity, what, where, since);
    if (alarm.state === 'RAISED') {
      const ack = document.createElement('button');
      ack.type = 'button';
      ack.className = 'ack';
      ack.textContent = m.t('alarms.ack');
      ack.setAttribute('aria-label', m.t('alarms.ackLabel', { severity: m.t(`severity.${alarm.severity}`), device: alarm.deviceId }));
      ack.addEventListener('click', () => this.#onAck(alarm));
      li.append(ack);
    } else {
      const by = document.createElement('span');
      by.className = 'acked';
      by.textContent = m.t('alarms.ackedBy', { name: alarm.acknowledgedBy ?? m.t('alarms.someone') });
      li.append(by);
    }
    return li;
  }
}
