import { formatTime } from '../../app/format';
import type { DataKeyTranslate as Translate } from '../../app/i18n-keys';
import { type TaskSubject, yuan } from './deals.api';

/**
 * A consultant task's sentence in the reader's language, from what it is made of: money from fen,
 * exactly; an appointment in Asia/Shanghai. A task made before its parameters were kept shows the
 * Chinese title it was stored with.
 */
export function taskTitle(task: TaskSubject & { title: string }, t: Translate): string {
  switch (task.kind) {
    case 'down_payment_follow_up':
      return task.params
        ? t('tasks.titles.down_payment_follow_up', {
            customer: task.params.customerName,
            amount: yuan(task.params.amountFen),
            dueOn: task.params.dueOn,
          })
        : task.title;
    case 'move_in_accompany':
      return task.params
        ? t('tasks.titles.move_in_accompany', {
            customer: task.params.customerName,
            time: formatTime(task.params.appointmentAt, 'YYYY-MM-DD HH:mm'),
            place: task.params.place,
          })
        : task.title;
  }
}
