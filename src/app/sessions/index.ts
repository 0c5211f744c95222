/** What other features may read about sessions. */
export { selectProposalsAwaitingMe } from './state/operations.selectors';
export {
  selectActiveNoticeCount,
  selectNotices,
  type Notice,
  type NoticeGroup,
} from './state/notifications.selectors';
