-- An email channel's IMAP mailbox: sealed password, UIDVALIDITY + last UID taken, poll lease and status.
-- CreateTable
CREATE TABLE "ImapMailbox" (
    "channelId" TEXT NOT NULL,
    "passwordIv" BYTEA,
    "passwordTag" BYTEA,
    "passwordData" BYTEA,
    "uidValidity" BIGINT,
    "lastUid" BIGINT NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "nextPollAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "lastPolledAt" TIMESTAMP(3),
    "taken" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImapMailbox_pkey" PRIMARY KEY ("channelId")
);

-- CreateIndex
CREATE INDEX "ImapMailbox_nextPollAt_idx" ON "ImapMailbox"("nextPollAt");

-- AddForeignKey
ALTER TABLE "ImapMailbox" ADD CONSTRAINT "ImapMailbox_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "WorkspaceChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

