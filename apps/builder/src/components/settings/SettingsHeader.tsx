import type { ReactNode } from 'react';
import listPage from '@/components/ui/listPage.module.css';

export function SettingsHeader({ title, subtitle, action }: { title: string; subtitle: string; action?: ReactNode }) {
  return (
    <header className={listPage.header}>
      <div>
        <h1 className={listPage.title}>{title}</h1>
        <p className={listPage.subtitle}>{subtitle}</p>
      </div>
      {action}
    </header>
  );
}
