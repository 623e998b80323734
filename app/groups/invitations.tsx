import { Form } from "@remix-run/react";

export interface PendingInvitation {
  groupId: string;
  groupName: string;
  description: string;
  invitedBy: string | null;
}

/**
 * A user's pending group invitations with 接受 / 拒绝. Both post to /groups (checked there on the
 * server); `back` says which page to return to after a refusal.
 */
export function InvitationList({ invitations, back }: { invitations: PendingInvitation[]; back: "home" | "groups" }) {
  if (invitations.length === 0) return null;
  return (
    <section
      aria-labelledby="invitations-title"
      className="rounded-xl border border-amber-200 bg-amber-50 p-4 shadow-sm sm:p-5"
    >
      <h2 id="invitations-title" className="font-semibold text-amber-900">
        小组邀请
      </h2>
      <p className="mt-0.5 text-xs text-amber-800">
        接受后你将成为小组成员，小组管理员可以查看你的学习进度和测验成绩。
      </p>
      <ul className="mt-3 divide-y divide-amber-200">
        {invitations.map((invitation) => (
          <li
            key={invitation.groupId}
            className="flex flex-wrap items-center justify-between gap-3 py-2.5"
            aria-label={`邀请：${invitation.groupName}`}
          >
            <div className="min-w-0">
              <p className="font-medium text-stone-900">{invitation.groupName}</p>
              <p className="text-xs text-stone-600">
                {invitation.invitedBy ? `${invitation.invitedBy} 邀请你加入` : "邀请你加入"}
                {invitation.description ? ` · ${invitation.description}` : ""}
              </p>
            </div>
            <div className="flex shrink-0 gap-2">
              <Form method="post" action="/groups?index">
                <input type="hidden" name="intent" value="accept-invitation" />
                <input type="hidden" name="groupId" value={invitation.groupId} />
                <button
                  type="submit"
                  className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                >
                  接受
                </button>
              </Form>
              <Form method="post" action="/groups?index">
                <input type="hidden" name="intent" value="decline-invitation" />
                <input type="hidden" name="groupId" value={invitation.groupId} />
                <input type="hidden" name="back" value={back} />
                <button
                  type="submit"
                  className="rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm text-stone-700 hover:border-red-400 hover:text-red-700"
                >
                  拒绝
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
