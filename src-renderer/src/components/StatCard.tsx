interface StatCardProps {
  label: string;
  value: string;
  detail?: string;
  testId?: string;
}

export function StatCard({ label, value, detail, testId }: StatCardProps) {
  return (
    <div className="stat-card" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId ? `${testId}-value` : undefined}>{value}</div>
      {detail ? <div className="stat-detail">{detail}</div> : null}
    </div>
  );
}
