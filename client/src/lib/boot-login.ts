/**
 * The plain-HTML sign-in form that login.html shows while the app loads (client/login-shell.html).
 * Its fields are held from the moment this module loads: the app's first render removes them from
 * the page, but a detached field keeps its value, so whatever was typed up to the app's own form
 * appearing is carried into it (takeBootLogin, called once the app's form is in place).
 */
const shell = {
  email: document.getElementById('boot-email') as HTMLInputElement | null,
  password: document.getElementById('boot-password') as HTMLInputElement | null,
};
let taken = false;

export interface BootLogin {
  email: string;
  password: string;
  /** The field the reader was in, to put the cursor back there. */
  focused: 'email' | 'password' | null;
}

/** What was typed into the plain-HTML form, once (later calls, and pages without it, get null). */
export function takeBootLogin(): BootLogin | null {
  if (taken || !shell.email || !shell.password) return null;
  taken = true;
  document.removeEventListener('focusin', onFocusIn);
  return {
    email: shell.email.value,
    password: shell.password.value,
    focused: lastIn,
  };
}

// Which shell field the reader is in. Removing the shell moves the focus to no field without a
// focusin, so the last field entered is the one to return to.
let lastIn: BootLogin['focused'] = null;
const onFocusIn = (e: FocusEvent) => {
  lastIn = e.target === shell.email ? 'email' : e.target === shell.password ? 'password' : null;
};
if (shell.email) {
  lastIn =
    document.activeElement === shell.email ? 'email' : document.activeElement === shell.password ? 'password' : null;
  document.addEventListener('focusin', onFocusIn);
}
