// The heading of a workspace page: title, a line of explanation, and the page's main actions.
import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageTitle({ title, intro, extra }: { title: ReactNode; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <div className="page-title-text">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {intro ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{intro}</Typography.Paragraph> : null}
      </div>
      {extra ? <div className="page-title-extra">{extra}</div> : null}
    </div>
  );
}
