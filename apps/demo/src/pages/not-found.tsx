import { Page } from '../components/page.js';
import { useT } from '../preferences.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t.notFound.title} width="narrow">
      <div className="card">
        <p className="card-text">{t.notFound.text}</p>
        <Link to="/wallet" className="button" data-variant="primary">
          {t.notFound.home}
        </Link>
      </div>
    </Page>
  );
}
