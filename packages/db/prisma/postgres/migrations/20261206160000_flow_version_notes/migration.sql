-- Who published a version and why. No foreign key on purpose, see schema.prisma.
-- AlterTable
ALTER TABLE "FlowVersion" ADD COLUMN     "note" TEXT,
ADD COLUMN     "publishedById" TEXT;
