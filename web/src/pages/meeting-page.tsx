import { Link, useParams } from 'react-router-dom';
import { MeetingWorkspace } from '../components/meeting-workspace';
import { PageHeader } from '../components/page-header';

/** One meeting by its link (history, action items, pack emails): a held one shows its pack as it was. */
export function MeetingPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <>
        <PageHeader title="Meeting" />
        <section className="card empty">
          <p>This meeting does not exist.</p>
          <Link to="/meetings" className="btn">
            Back to the meetings
          </Link>
        </section>
      </>
    );
  }
  return (
    <>
      <div className="breadcrumb no-print">
        <Link to="/meetings">Meetings</Link>
      </div>
      <MeetingWorkspace meetingId={id} heading="page" />
    </>
  );
}
