import { useEffect, useState } from "react";
import type { AppConfig } from "./app-config";

/** `GET /api/config`: offline or r9s, and the models to pick from. */
export function useAppConfig(): { config: AppConfig | undefined; failed: boolean } {
  const [config, setConfig] = useState<AppConfig>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const aborter = new AbortController();
    fetch("/api/config", { signal: aborter.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`GET /api/config answered ${response.status}`);
        return response.json() as Promise<AppConfig>;
      })
      .then(setConfig, () => {
        if (!aborter.signal.aborted) setFailed(true);
      });
    return () => aborter.abort();
  }, []);
  return { config, failed };
}

const STORAGE_KEY = "r9s-chat:model";

/** The picked model entry, remembered across reloads. */
export function useModelChoice(config: AppConfig | undefined): [string, (id: string) => void] {
  const [picked, setPicked] = useState<string | null>(() => readStored());
  const models = config?.models ?? [];
  const id = models.some((model) => model.id === picked) ? picked! : (models[0]?.id ?? "");
  const choose = (next: string) => {
    setPicked(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be off (private mode); the choice then lasts until reload.
    }
  };
  return [id, choose];
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
