-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- AlterEnum
ALTER TYPE "ConversationStatus" ADD VALUE 'handoff';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "handedOffAt" TIMESTAMP(3),
ADD COLUMN     "priority" "Priority" NOT NULL DEFAULT 'normal',
ADD COLUMN     "team" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "authorId" TEXT;

