import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <div className="empty">
      <h1>Page not found</h1>
      <p>
        <Link to="/contacts">Back to contacts</Link>
      </p>
    </div>
  );
}
