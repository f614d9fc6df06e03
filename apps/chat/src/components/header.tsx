import type { AppConfig, ModelOption } from "../app-config";

interface HeaderProps {
  mode: AppConfig["mode"] | undefined;
  models: readonly ModelOption[];
  modelId: string;
  onModelChange: (id: string) => void;
  onNewChat: () => void;
  canStartOver: boolean;
}

/** The bar on top: name, where answers come from, the model picker and "New chat". */
export function Header({ mode, models, modelId, onModelChange, onNewChat, canStartOver }: HeaderProps) {
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          r9s
        </span>
        <span>chat</span>
      </div>
      {mode && (
        <span
          className={mode === "r9s" ? "mode-badge live" : "mode-badge"}
          title={
            mode === "r9s" ? "Relayed to r9s" : "No R9S_API_KEY: answers come from the bundled mock server"
          }
        >
          {mode === "r9s" ? "r9s" : "offline · mock server"}
        </span>
      )}
      <div className="header-spacer" />
      <label className="model-picker">
        <span>Model</span>
        <select
          aria-label="Model"
          value={modelId}
          onChange={(event) => onModelChange(event.target.value)}
          disabled={models.length === 0}
        >
          {models.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        aria-label="New chat"
        onClick={onNewChat}
        disabled={!canStartOver}
      >
        New chat
      </button>
    </header>
  );
}
