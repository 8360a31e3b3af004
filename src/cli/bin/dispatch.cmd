@echo off
rem `dispatch` for cmd.exe and PowerShell: runs ..\cli.js (this file ships in dist\bin). Agent
rem Dispatch sets DISPATCH_NODE in VS Code's terminals to the executable running the extension;
rem in desktop VS Code that is Electron, which acts as Node only with ELECTRON_RUN_AS_NODE=1 (kept
rem local by setlocal). Without DISPATCH_NODE, node from PATH.
setlocal
set "cli=%~dp0..\cli.js"
if not defined DISPATCH_NODE goto node
if not exist "%DISPATCH_NODE%" goto node
set "ELECTRON_RUN_AS_NODE=1"
"%DISPATCH_NODE%" "%cli%" %*
exit /b %ERRORLEVEL%
:node
where node >nul 2>nul || goto nonode
node "%cli%" %*
exit /b %ERRORLEVEL%
:nonode
echo dispatch: no Node.js found: install Node.js 20 or later, or run dispatch in a VS Code terminal 1>&2
exit /b 9009
